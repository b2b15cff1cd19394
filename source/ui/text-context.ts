/** The interface's words for the components under <App/> (the Arabic table when none is given). */
import {createContext, useContext} from 'react';
import {ar, type UiStrings} from './strings/ar.js';

export const UiTextContext = createContext<UiStrings>(ar);

export function useUiText(): UiStrings {
	return useContext(UiTextContext);
}
