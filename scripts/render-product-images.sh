#!/usr/bin/env bash
# Renders the demo shop's product photos (demo/public/images/*.jpg) from the POV-Ray scenes in demo/scenes/.
# The pictures are the project's own work, under its licence (MIT). Not part of the build: run it after changing a
# scene, then commit the JPEGs. Needs Debian's povray, imagemagick and fonts-wqy-microhei (for the Chinese labels).
set -euo pipefail
cd "$(dirname "$0")/../demo/scenes"
convert=/usr/bin/convert # ImageMagick itself, not a stand-in earlier on PATH
cjk=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The printed labels, mapped onto the tins by the scenes.
"$convert" -size 2048x520 xc:'#efe6cf' \
  -fill '#2d6b35' -draw 'rectangle 0,0 2048,26' -draw 'rectangle 0,494 2048,520' \
  -font "$cjk" -fill '#1f4d28' -pointsize 118 -gravity center -annotate +0-70 '西湖龙井' \
  -font DejaVu-Sans-Bold -pointsize 46 -annotate +0+70 'WEST LAKE LONGJING' \
  -font DejaVu-Sans -pointsize 40 -annotate +0+150 '250 g · Acme Tea Co.' \
  "$work/longjing-label.png"
"$convert" -size 840x1000 xc:'#d9b56a' \
  -fill none -stroke '#7a1013' -strokewidth 10 -draw 'rectangle 30,30 810,970' -stroke none \
  -font "$cjk" -fill '#7a1013' -pointsize 170 -gravity center -annotate +0-170 '铁观音' \
  -pointsize 70 -annotate +0+10 '安溪乌龙' \
  -font DejaVu-Sans-Bold -pointsize 54 -annotate +0+170 'ANXI TIEGUANYIN' \
  -font DejaVu-Sans -pointsize 46 -annotate +0+260 '200 g · Acme Tea Co.' \
  "$work/tieguanyin-label.png"

# 16:9, as the product card shows them; JPEG at quality 82 without metadata (about 30-60 KB each).
for scene in longjing-250 tieguanyin-200 gift-box; do
  povray "+I$scene.pov" "+L$work" "+O$work/$scene.png" +W960 +H540 +A0.1 +AM2 +R3 -D +Q9 -GA
  "$convert" "$work/$scene.png" -strip -quality 82 -sampling-factor 4:2:0 "../public/images/$scene.jpg"
done
ls -l ../public/images/
