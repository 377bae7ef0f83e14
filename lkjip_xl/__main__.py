"""`python -m lkjip_xl`: the same commands as the `lkjip-xl` script."""

from lkjip_xl.cli import main

main()
