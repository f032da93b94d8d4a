import type { ProductCardTerms } from './en.js';

/** 简体中文 */
const zhCN: ProductCardTerms = {
  contactAboutProduct: '咨询此商品',
  inStock: '有货',
  loading: '加载中…',
  outOfStock: '缺货',
  productUnavailable: '该商品暂不可用。',
  viewProduct: '查看商品',
};
export default zhCN;
