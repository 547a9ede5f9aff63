"""Reads the QR codes in a PNG with zxing-cpp (an independent decoder) and prints the
text of each, one per line."""
import sys

import zxingcpp
from PIL import Image

for result in zxingcpp.read_barcodes(Image.open(sys.argv[1])):
    print(result.text)
