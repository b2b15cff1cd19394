/**
 * The flags of the reader and `print`, as meow takes them: the entry point parses with them,
 * and the shell completion scripts are written from them.
 */
import type {AnyFlags} from 'meow';

export const choices = {
	shaping: ['on', 'off'],
	bidi: ['auto', 'app', 'terminal', 'off'],
	align: ['auto', 'right', 'left', 'justify'],
	digits: ['asis', 'arabic', 'western', 'native'],
	tashkeel: ['show', 'hide'],
	theme: ['auto', 'color', 'mono'],
	language: ['auto', 'ar', 'en', 'fa', 'ur', 'he'],
} as const;

export const flagTypes = {
	width: {type: 'number'},
	article: {type: 'number'},
	headlines: {type: 'boolean', default: false},
	logical: {type: 'boolean', default: false},
	demo: {type: 'boolean', default: false},
	offline: {type: 'boolean', default: false},
	shaping: {type: 'string', choices: [...choices.shaping]},
	bidi: {type: 'string', choices: [...choices.bidi]},
	align: {type: 'string', choices: [...choices.align]},
	digits: {type: 'string', choices: [...choices.digits]},
	tashkeel: {type: 'string', choices: [...choices.tashkeel]},
	measure: {type: 'number'},
	theme: {type: 'string', choices: [...choices.theme]},
	language: {type: 'string', choices: [...choices.language]},
} satisfies AnyFlags;
