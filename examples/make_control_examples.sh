#!/usr/bin/env bash
# Makes the control examples of README (colour modes, style masks) with the CLI built by `mvn package`, and prints
# the chrominance table README quotes. Random VGG19 weights (the published ones cannot be downloaded where this was
# made): colour and region control show, the painterly structure of real weights does not.
#   bash examples/make_control_examples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 examples/make_control_examples.py
nst() { java -jar app-cli/target/nst.jar transfer --content examples/chelsea.jpg --weights random --init content \
  --size 192 --iterations 200 --print-every 0 "$@"; }
nst --style examples/swirls.jpg --output examples/control-style.png
nst --style examples/swirls.jpg --colors original --output examples/control-original.png
nst --style examples/swirls.jpg --colors luminance --output examples/control-luminance.png
nst --style examples/swirls.jpg --colors histogram --output examples/control-histogram.png
nst --style examples/swirls.jpg --style examples/mosaic.jpg --style-mask examples/left-half.png \
  --style-mask examples/right-half.png --output examples/control-masks.png
/usr/bin/python3 examples/make_control_examples.py --measure examples/chelsea.jpg examples/swirls.jpg \
  examples/control-style.png examples/control-original.png examples/control-luminance.png \
  examples/control-histogram.png
