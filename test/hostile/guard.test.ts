/**
 * The detectors the hostile tests rely on, shown to catch every payload when it is NOT
 * sanitized: each raw payload written to the guarded terminal is seen by a handler, or found
 * in a control sequence of the raw output, or both. (A detector that saw nothing would make
 * every hostile test pass.)
 */
import {describe, expect, it} from 'vitest';
import {allMarkers, payloads} from '../fixtures/hostile/payloads.js';
import {controlSequences, disallowedSequences, guardedTerminal, markersInSequences} from '../fixtures/hostile/terminal-guard.js';

describe('the terminal guard', () => {
	it.each(payloads.map(payload => [payload.name, payload] as const))('flags the raw payload %s', async (_, payload) => {
		const raw = `alpha${payload.text}omega\r\n`;
		const guarded = guardedTerminal(80, 10, allMarkers);
		await guarded.write(raw);
		const caught = guarded.seen.length + markersInSequences(raw, allMarkers).length + disallowedSequences(raw).length;
		expect(caught).toBeGreaterThan(0);
	});

	it('hears titles, hyperlinks, the clipboard and DCS through the handlers themselves', async () => {
		const guarded = guardedTerminal(80, 10, allMarkers);
		for (const name of ['osc0-bel', 'osc2-st', 'osc8-link', 'osc52-bel', 'dcs7-decrqss', 'dcs8-xtgettcap', 'csi7-cup', 'csi8-sgr']) {
			// eslint-disable-next-line no-await-in-loop -- in order
			await guarded.write(payloads.find(payload => payload.name === name)!.text);
		}

		const where = new Set(guarded.seen.map(violation => violation.where.split(' ')[0] === 'CSI' ? 'CSI' : violation.where));
		expect(where).toEqual(new Set(['OSC 0', 'title', 'OSC 2', 'OSC 8', 'OSC 52', 'DCS $q', 'DCS +q', 'CSI']));
	});

	it('lets akhbar\'s own output through: SGR, cursor moves, modes, CR LF', () => {
		const own = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l\u001B[8l\u001B[1;1H\u001B[0;1;33mنص\u001B[m\r\n\u001B[K\u001B[?25h\u001B[?1049l\u001B[8h';
		expect(disallowedSequences(own)).toEqual([]);
		expect(markersInSequences(own, allMarkers)).toEqual([]);
		expect(controlSequences(own).filter(sequence => sequence.kind === 'csi')).toHaveLength(12);
	});
});
