import { TermPacks } from '../term-packs.js';
import en, { type Terms } from './en.js';

export type { Terms };
export const chatTerms = new TermPacks<Terms>(en, { 'zh-CN': () => import('./zh-CN.js') });
