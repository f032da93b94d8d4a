import { TermPacks } from '../term-packs.js';
import en, { type LauncherTerms } from './en.js';

export type { LauncherTerms };
export const launcherTerms = new TermPacks<LauncherTerms>(en, { 'zh-CN': () => import('./zh-CN.js') });
