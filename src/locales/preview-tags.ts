/**
 * The bracketed kind that leads a stored message preview ("[Image] …", written in English by `messagePlainText`), in
 * Chinese, by its English form: one table for every element's zh-CN pack (see `localizePreview`).
 */
export const zhPreviewTags: Record<string, string> = {
  Image: '图片',
  File: '文件',
  'Business card': '名片',
  Product: '商品',
  'Payment request': '付款请求',
  'Payment succeeded': '付款成功',
  'Payment failed': '付款失败',
  'Payment canceled': '付款已取消',
  'Payment expired': '付款已过期',
  'Payment refunded': '已退款',
  'Payment processing': '付款处理中',
  'Payment requires action': '待付款',
};
