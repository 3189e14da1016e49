"""Fit quotex's attribution weights on annotated news (``quotex train``).

Needs the ``train`` extra (``pip install 'quotex[train]'``) for NumPy and
SciPy's optimiser; extraction itself needs neither.
"""

# The defaults of ``quotex train`` and of the library alike, kept here so that
# the command can show them without importing NumPy.
#: Rounds of decoding along the gold and refitting.
DEFAULT_ROUNDS = 2
#: Folds of the cross-validation, by document.
DEFAULT_FOLDS = 5
#: L2 penalty on the weights of every chooser.
DEFAULT_L2 = 1.0
