import { TermPacks } from '../term-packs.js';
import en, { type ProductCardTerms } from './en.js';

export type { ProductCardTerms };
export const productCardTerms = new TermPacks<ProductCardTerms>(en, { 'zh-CN': () => import('./zh-CN.js') });
