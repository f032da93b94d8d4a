import { TermPacks } from '../term-packs.js';
import en, { type WorkbenchTerms } from './en.js';

export type { WorkbenchTerms };
export const workbenchTerms = new TermPacks<WorkbenchTerms>(en, { 'zh-CN': () => import('./zh-CN.js') });
