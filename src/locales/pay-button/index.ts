import { TermPacks } from '../term-packs.js';
import en, { type PayButtonTerms } from './en.js';

export type { PayButtonTerms };
export const payButtonTerms = new TermPacks<PayButtonTerms>(en, { 'zh-CN': () => import('./zh-CN.js') });
