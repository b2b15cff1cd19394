import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {
	bidiSequence,
	clipboardSequence,
	detectTerminal,
	enterSequence,
	leaveSequence,
	localeWarning,
	refreshSize,
	TerminalSession,
	tmuxPassthrough,
} from '../source/terminal.js';

const esc = '\u001B';

describe('what the environment says about the terminal', () => {
	it('knows tmux, SSH and the locale', () => {
		const info = detectTerminal({TMUX: '/tmp/tmux-1000/default,1,0', SSH_TTY: '/dev/pts/3', LANG: 'ar_EG.UTF-8'}, 'linux');
		expect(info).toMatchObject({tmux: true, ssh: true, utf8: true});
		expect(detectTerminal({LANG: 'C'}, 'linux').utf8).toBe(false);
		expect(detectTerminal({LC_ALL: 'en_US.utf8', LANG: 'C'}, 'linux').utf8).toBe(true);
		expect(detectTerminal({LC_ALL: 'C', LANG: 'en_US.UTF-8'}, 'linux').utf8).toBe(false);
	});

	it('warns once, in one line, when the locale is not UTF-8', () => {
		expect(localeWarning(detectTerminal({LANG: 'C.UTF-8'}, 'linux'))).toBeUndefined();
		expect(localeWarning(detectTerminal({LANG: 'POSIX'}, 'linux'))).toBe('locale is not UTF-8 (LANG=POSIX): Arabic may show as ? or _; try LANG=C.UTF-8');
		expect(localeWarning(detectTerminal({}, 'linux'))).toContain('no LANG');
		expect(localeWarning(detectTerminal({}, 'win32'))).toBeUndefined();
	});

	it('knows terminals whose bidi cannot be switched off', () => {
		expect(detectTerminal({KONSOLE_VERSION: '230800'}, 'linux').bidi.implicitOnly).toBe(true);
		expect(detectTerminal({TERM_PROGRAM: 'Apple_Terminal'}, 'darwin').bidi.implicitOnly).toBe(true);
		expect(detectTerminal({VTE_VERSION: '7600'}, 'linux').bidi.switchable).toBe(true);
	});
});

describe('sequences', () => {
	it('enters the alternate screen, hides the cursor and turns the terminal\'s bidi off when we reorder', () => {
		const enter = enterSequence('app', {tmux: false});
		expect(enter.startsWith(`${esc}[?1049h`)).toBe(true);
		expect(enter).toContain(`${esc}[?25l`);
		expect(enter.endsWith(`${esc}[8l`)).toBe(true);
		expect(bidiSequence('terminal', {tmux: false})).toBe(`${esc}[8h`);
	});

	it('leaves with the cursor shown, the normal screen back and implicit bidi restored', () => {
		expect(leaveSequence({tmux: false})).toBe(`${esc}[?25h${esc}[?1049l${esc}[8h`);
	});

	it('passes control sequences through tmux with every ESC doubled', () => {
		expect(tmuxPassthrough(`${esc}[8l`)).toBe(`${esc}Ptmux;${esc}${esc}[8l${esc}\\`);
		expect(bidiSequence('app', {tmux: true})).toBe(`${esc}[8l${esc}Ptmux;${esc}${esc}[8l${esc}\\`);
	});

	it('builds OSC 52 from base64, so nothing in a URL can end the sequence', () => {
		expect(clipboardSequence('https://a.example/؟x=1', {tmux: false})).toBe(`${esc}]52;c;${Buffer.from('https://a.example/؟x=1').toString('base64')}\u0007`);
	});
});

class FakeOut {
	written = '';
	write(text: string) {
		this.written += text;
		return true;
	}
}

class FakeKeys extends EventEmitter {
	isTTY = true;
	raw: boolean[] = [];
	setRawMode(on: boolean) {
		this.raw.push(on);
		return this;
	}
}

class FakeProcess extends EventEmitter {
	pid = 4242;
	killed: Array<[number, string]> = [];
	kill(pid: number, signal: string) {
		this.killed.push([pid, signal]);
		return true;
	}
}

function session() {
	const out = new FakeOut();
	const keys = new FakeKeys();
	const proc = new FakeProcess();
	const info = detectTerminal({LANG: 'C.UTF-8'}, 'linux');
	const terminal = new TerminalSession({out: out as never, keys: keys as never, info, bidi: 'app', proc: proc as never});
	return {out, keys, proc, terminal};
}

describe('the terminal session', () => {
	it('enters and leaves once, whatever calls leave', () => {
		const {out, terminal} = session();
		terminal.enter();
		terminal.enter();
		terminal.leave();
		terminal.leave();
		expect(out.written).toBe(enterSequence('app', {tmux: false}) + leaveSequence({tmux: false}));
	});

	it('Ctrl+Z: stops drawing, restores the terminal, cooked mode, SIGSTOP; SIGCONT brings it all back', () => {
		const {out, keys, proc, terminal} = session();
		const events: string[] = [];
		terminal.onRelease(() => events.push('release'));
		terminal.onResume(() => events.push('resume'));
		const stop = terminal.listen();
		terminal.enter();
		// Raw keys from the first frame on: nothing typed is echoed before the app reads keys.
		expect(keys.raw).toEqual([true]);
		keys.raw.length = 0;
		out.written = '';
		terminal.suspend();
		expect(out.written).toBe(leaveSequence({tmux: false}));
		expect(keys.raw).toEqual([false]);
		expect(proc.killed).toEqual([[4242, 'SIGSTOP']]);
		expect(terminal.suspended).toBe(true);
		out.written = '';
		proc.emit('SIGCONT');
		expect(out.written).toBe(enterSequence('app', {tmux: false}));
		expect(keys.raw).toEqual([false, true]);
		expect(events).toEqual(['release', 'resume']);
		stop();
		expect(proc.listenerCount('SIGCONT')).toBe(0);
	});

	it('a SIGTSTP from outside suspends the same way', () => {
		const {proc, terminal} = session();
		terminal.listen();
		terminal.enter();
		proc.emit('SIGTSTP');
		expect(proc.killed).toEqual([[4242, 'SIGSTOP']]);
	});

	it('tells the terminal at once when the bidi preference changes', () => {
		const {out, terminal} = session();
		terminal.enter();
		out.written = '';
		terminal.setBidi('terminal');
		expect(out.written).toBe(`${esc}[8h`);
	});
});

describe('the terminal size after a suspend', () => {
	it('asks a terminal for its size again; leaves anything else alone', () => {
		const asked: string[] = [];
		refreshSize({isTTY: true, _refreshSize: () => asked.push('tty')} as never);
		refreshSize({isTTY: false, _refreshSize: () => asked.push('pipe')} as never);
		refreshSize({isTTY: true, _refreshSize() {
			throw new Error('EBADF');
		}} as never);
		expect(asked).toEqual(['tty']);
	});
});
