/** The strings of <ix-product-card> (English, built in; other languages load on demand). */
const en = {
  contactAboutProduct: 'Contact sales about this',
  inStock: 'In stock',
  loading: 'Loading…',
  outOfStock: 'Out of stock',
  productUnavailable: 'This product is not available.',
  viewProduct: 'View product',
};
export default en;
export type ProductCardTerms = typeof en;
