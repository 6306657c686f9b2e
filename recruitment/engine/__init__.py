"""The pure engine: the matching (matching, balance, ties) and the verifiable draw (lottery). Plain Python,
numpy and scipy only, no Django, so anyone can run and check it on its own."""
