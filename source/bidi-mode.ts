/**
 * Which side does the bidi work: us (`app`, visual lines) or the terminal (`terminal`, logical
 * lines)? Decided once per run from the preference and what the environment says about the
 * terminal. See FINDINGS.md, "Terminals and bidi".
 */
export type BidiPreference = 'auto' | 'app' | 'terminal' | 'off';
export type BidiMode = 'app' | 'terminal' | 'off';

export type TerminalBidi = {
	/** The terminal reorders lines by itself and cannot be told to stop (Konsole, mlterm, macOS Terminal). */
	implicitOnly: boolean;
	/** The terminal honours `CSI 8 l` (explicit mode): VTE ≥ 0.57.3, mintty. */
	switchable: boolean;
	/** Human name for the one-time note. */
	name?: string;
};

export function detectTerminalBidi(env: NodeJS.ProcessEnv): TerminalBidi {
	if (env['KONSOLE_VERSION']) {
		return {implicitOnly: true, switchable: false, name: 'Konsole'};
	}

	if (env['MLTERM']) {
		return {implicitOnly: true, switchable: false, name: 'mlterm'};
	}

	if (env['TERM_PROGRAM'] === 'Apple_Terminal') {
		return {implicitOnly: true, switchable: false, name: 'Terminal.app'};
	}

	const vte = Number(env['VTE_VERSION']);
	if (env['TERM_PROGRAM'] === 'mintty' || (Number.isFinite(vte) && vte >= 5703)) {
		return {implicitOnly: false, switchable: true, name: env['TERM_PROGRAM'] === 'mintty' ? 'mintty' : 'VTE'};
	}

	return {implicitOnly: false, switchable: false};
}

export function resolveBidi(preference: BidiPreference, terminal: TerminalBidi): BidiMode {
	if (preference !== 'auto') {
		return preference;
	}

	return terminal.implicitOnly ? 'terminal' : 'app';
}

/** ECMA-48 BDSM: reset (explicit) while we draw visual text, set (implicit) again at exit. */
export const explicitBidi = '\u001B[8l';
export const implicitBidi = '\u001B[8h';
