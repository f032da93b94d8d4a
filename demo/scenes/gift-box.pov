// The tasting gift box: six small lacquered tins in an open wooden box, its lid leaning behind it.
#version 3.7;
#declare CameraLocation = <0.6, 3.6, -5.6>;
#declare CameraLookAt = <0.1, 0.45, 0.1>;
#include "studio.inc"

// Walnut: rings along the box's length, a little turbulence, an oiled finish.
#declare Wood = texture {
  pigment {
    wood turbulence 0.04
    color_map { [0 color srgb <0.5, 0.31, 0.17>] [0.6 color srgb <0.4, 0.24, 0.12>] [1 color srgb <0.5, 0.31, 0.17>] }
    scale <1, 0.3, 0.3> rotate y * 90
  }
  finish { specular 0.25 roughness 0.03 diffuse 0.8 ambient 0 }
}
#declare Lining = texture { pigment { color srgb <0.15, 0.12, 0.1> } normal { bumps 0.3 scale 0.01 } finish { diffuse 0.9 ambient 0 } }

#macro Tin(Colour)
  union {
    union {
      cylinder { <0, 0, 0>, <0, 0.5, 0>, 0.25 }
      cylinder { <0, 0.47, 0>, <0, 0.6, 0>, 0.262 }
      texture {
        pigment { color srgb Colour }
        finish { specular 0.7 roughness 0.008 reflection { 0.04, 0.14 fresnel } diffuse 0.7 ambient 0 }
      }
    }
    torus { 0.262, 0.008 translate y * 0.6 texture { T_Brass_3B } }
    // A paper seal on the lid, so it reads as closed.
    cylinder { <0, 0.6, 0>, <0, 0.602, 0>, 0.12 pigment { color srgb <0.94, 0.9, 0.8> } finish { diffuse 0.85 ambient 0 } }
  }
#end

#declare Colours = array[6] {
  <0.1, 0.3, 0.16>, <0.5, 0.07, 0.08>, <0.08, 0.08, 0.09>, <0.62, 0.44, 0.12>, <0.15, 0.24, 0.36>, <0.55, 0.3, 0.1>
}

union {
  difference {
    box { <-1.1, 0, -0.72>, <1.1, 0.5, 0.72> }
    box { <-1.04, 0.06, -0.66>, <1.04, 0.6, 0.66> }
    texture { Wood }
  }
  box { <-1.04, 0.06, -0.66>, <1.04, 0.07, 0.66> texture { Lining } }
  #for (I, 0, 5)
    object { Tin(Colours[I]) translate <-0.68 + mod(I, 3) * 0.68, 0.07, -0.32 + div(I, 3) * 0.64> }
  #end
  // The lid, leaning against the back.
  box { <-1.12, 0, 0>, <1.12, 1.48, 0.08> texture { Wood } rotate x * 16 translate z * 0.78 }
  rotate y * -12
}
