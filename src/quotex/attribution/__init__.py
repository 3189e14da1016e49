"""Who said each quote: rules propose candidates, fitted weights decide.

- :mod:`~quotex.attribution.local` and :mod:`~quotex.attribution.layout`
  propose candidates (a speaker mention, a cue) from the parse and the page;
- :mod:`~quotex.attribution.candidates` and :mod:`~quotex.attribution.features`
  describe them with named features (:mod:`~quotex.attribution.nobody` the
  option that a mention names nobody in the text);
- :mod:`~quotex.attribution.scorer` weighs them with the weights in
  ``models/attribution.json``;
- :mod:`~quotex.attribution.decoder` goes through the quotes in text order,
  choosing a candidate; :mod:`~quotex.attribution.resolver` then chooses the
  person a pronoun or description means (:mod:`~quotex.attribution.people`
  knows who is who, :mod:`~quotex.attribution.person` what is known of each,
  :mod:`~quotex.attribution.history` who has spoken so far);
- :mod:`~quotex.attribution.trace` records every decision for ``quotex explain``.
"""
