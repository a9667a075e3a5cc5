#!/bin/sh
# A well-behaved agent: asks the allowed API, uses the same scratch path, port and ~/.cache file as
# every other run (each sandbox has its own), and writes its answer to out/.
set -eu
exec node agents/good.mjs
