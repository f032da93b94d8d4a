// Anxi Tieguanyin, 200 g: a square red tin with a gold label, and a porcelain cup of amber oolong.
#version 3.7;
#include "studio.inc"

#declare Lacquer = texture {
  pigment { color srgb <0.5, 0.07, 0.08> }
  finish { specular 0.7 roughness 0.008 reflection { 0.04, 0.14 fresnel } diffuse 0.7 ambient 0 }
}
#declare Porcelain = texture {
  pigment { color srgb <0.97, 0.97, 0.95> }
  finish { specular 0.8 roughness 0.005 reflection { 0.03, 0.1 fresnel } diffuse 0.85 ambient 0 }
}

union {
  superellipsoid { <0.12, 0.12> scale <0.58, 0.8, 0.58> translate y * 0.8 texture { Lacquer } }
  // The lid's seam: a thin gold band around the tin.
  box { <-0.6, 1.3, -0.6>, <0.6, 1.34, 0.6> texture { T_Brass_3B } }
  // The front label, a sheet of printed paper on the front face.
  box {
    <0, 0, 0>, <1, 1, 0.001>
    texture {
      pigment { image_map { png "tieguanyin-label.png" interpolate 2 } }
      finish { diffuse 0.85 specular 0.1 ambient 0 }
    }
    scale <0.84, 1.0, 1>
    translate <-0.42, 0.18, -0.586>
  }
  rotate y * -24
  translate <-0.45, 0, 0.2>
}

// The cup: a thin porcelain bowl, and the tea in it.
union {
  difference {
    cone { <0, 0, 0>, 0.2, <0, 0.42, 0>, 0.34 }
    cone { <0, 0.05, 0>, 0.17, <0, 0.43, 0>, 0.32 }
    texture { Porcelain }
  }
  cone {
    <0, 0.05, 0>, 0.17, <0, 0.34, 0>, 0.292
    pigment { color srgbf <0.72, 0.45, 0.12, 0.35> }
    finish { specular 0.9 roughness 0.003 reflection 0.08 diffuse 0.6 ambient 0 }
    interior { ior 1.33 }
  }
  translate <1.15, 0, -0.75>
}

Leaves(16, 11, 0.4, <1.55, 0, 0.35>)
