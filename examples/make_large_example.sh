#!/usr/bin/env bash
# Makes README's 2048 px example with the CLI built by `mvn package`: the photo and swirls at 2048 px, coarse to fine
# with --scales auto (256, 512, 1024, 2048 px; 200 L-BFGS iterations at 256 px, then 100, 50, 50), from the photo,
# random VGG19 weights (the published ones cannot be downloaded where this was made). The full result goes to
# target/examples/ (not kept in the repository: it is large); README shows it at 1024 px and a 512 px crop of it at
# full resolution, which this script cuts from it with Debian's python3-pil.
#   bash examples/make_large_example.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/examples
/usr/bin/time -f "wall %e s, peak RSS %M KiB" java -jar app-cli/target/nst.jar transfer --content examples/chelsea.jpg \
  --style examples/swirls.jpg --weights random --init content --size 2048 --scales auto --iterations 200 \
  --print-every 25 --output target/examples/chelsea-swirls-2048.png
/usr/bin/python3 - <<'PY'
from PIL import Image
full = Image.open("target/examples/chelsea-swirls-2048.png").convert("RGB")
print("result", full.size)
full.resize((1024, round(full.height * 1024 / full.width)), Image.LANCZOS).save(
    "examples/chelsea-swirls-2048-small.jpg", quality=88)
left, top = (full.width - 512) // 2, (full.height - 512) // 2
full.crop((left, top, left + 512, top + 512)).save("examples/chelsea-swirls-2048-crop.jpg", quality=92)
PY
