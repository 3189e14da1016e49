"""Fit quotex's attribution weights on annotated news (``quotex train``).

Needs the ``train`` extra (``pip install 'quotex[train]'``) for NumPy and
SciPy's optimiser; extraction itself needs neither.
"""
