/** Short constructors that keep the demo articles readable as data. */
import type {Block} from '../model.js';

export const deck = (text: string): Block => ({kind: 'deck', text});
export const caption = (text: string): Block => ({kind: 'caption', text});
export const heading = (text: string): Block => ({kind: 'heading', text});
export const paragraph = (text: string): Block => ({kind: 'paragraph', text});
export const item = (text: string): Block => ({kind: 'item', text});
export const quote = (text: string): Block => ({kind: 'quote', text});
