import {describe, expect, it} from 'vitest';
import {planGeometry} from '../../source/ui/geometry.js';

const prefs = {headlinesWidth: 38, measure: 72, onePane: false};

describe('planGeometry', () => {
	it('two panes from 100 columns; the frame takes every row, the status line the last', () => {
		expect(planGeometry(100, 30, prefs)).toEqual({
			kind: 'panes', columns: 100, frameRows: 30, twoPanes: true, headlinesWidth: 38, articleWidth: 61, paneRows: 29, listRows: 28, textWidth: 59,
		});
	});

	it('one pane at a time below 100 columns, or when the terminal does the bidi', () => {
		expect(planGeometry(99, 30, prefs)).toMatchObject({twoPanes: false, headlinesWidth: 99, articleWidth: 99, textWidth: 72});
		expect(planGeometry(200, 30, {...prefs, onePane: true})).toMatchObject({twoPanes: false});
	});

	it('keeps the article at least 50 wide beside the headlines', () => {
		expect(planGeometry(110, 30, {...prefs, headlinesWidth: 80})).toMatchObject({headlinesWidth: 59, articleWidth: 50});
	});

	it('is too small below 40×12', () => {
		expect(planGeometry(39, 30, prefs).kind).toBe('tooSmall');
		expect(planGeometry(80, 11, prefs).kind).toBe('tooSmall');
		expect(planGeometry(40, 12, prefs).kind).toBe('panes');
	});
});
