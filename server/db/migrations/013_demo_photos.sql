-- Interop Kit schema v13: the demo shop's product pictures became photos (demo/public/images/*.jpg). A demo database
-- made before keeps pointing at the drawings, which are gone; only those three exact URLs of the demo company move.
UPDATE products SET image_url = replace(image_url, '.svg', '.jpg')
WHERE corp_id = 'acme'
  AND image_url IN ('/images/longjing-250.svg', '/images/tieguanyin-200.svg', '/images/gift-box.svg');
