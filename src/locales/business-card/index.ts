import { TermPacks } from '../term-packs.js';
import en, { type BusinessCardTerms } from './en.js';

export type { BusinessCardTerms };
export const businessCardTerms = new TermPacks<BusinessCardTerms>(en, { 'zh-CN': () => import('./zh-CN.js') });
