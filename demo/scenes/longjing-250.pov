// West Lake Longjing, 250 g: a green lacquered tin with a paper label, a few leaves beside it.
#version 3.7;
#include "studio.inc"

#declare TinRadius = 0.62;
#declare TinHeight = 1.7;

#declare Lacquer = texture {
  pigment { color srgb <0.1, 0.3, 0.16> }
  finish { specular 0.6 roughness 0.01 reflection { 0.04, 0.12 fresnel } diffuse 0.75 ambient 0 }
}
#declare Label = texture {
  pigment { image_map { png "longjing-label.png" map_type 2 interpolate 2 } }
  finish { diffuse 0.85 specular 0.05 ambient 0 }
}

union {
  // Body with the label band, then the lid with its slightly wider rim.
  cylinder { <0, 0, 0>, <0, TinHeight, 0>, TinRadius texture { Lacquer } }
  cylinder {
    <0, 0.3, 0>, <0, 1.3, 0>, TinRadius + 0.004
    texture { Label scale <1, 1.0, 1> translate y * 0.3 }
    rotate y * -90
  }
  cylinder { <0, TinHeight - 0.02, 0>, <0, TinHeight + 0.28, 0>, TinRadius + 0.025 texture { Lacquer } }
  torus { TinRadius + 0.025, 0.012 translate y * (TinHeight + 0.28) texture { T_Chrome_3C } }
  translate <-0.25, 0, 0>
}

Leaves(34, 7, 0.75, <1.15, 0, -0.2>)
