"""How outlets tell one story: stance toward claims, loaded language, persuasion techniques,
tone toward entities.

Every model here predicts with numpy alone from small pickle-free artefacts shipped in
``parallax/data/models`` (each with a NOTE.md on its data, licence and training command);
training lives in :mod:`parallax.compare.training` and needs scikit-learn.
"""

from parallax.compare.bias import loaded_terms, score_bias, score_biases
from parallax.compare.propaganda import TechniqueSpan, classify_spans, find_techniques
from parallax.compare.stance import StanceResult, predict_stance, predict_stances
from parallax.compare.tone import entity_tone

__all__ = [
    "StanceResult",
    "TechniqueSpan",
    "classify_spans",
    "entity_tone",
    "find_techniques",
    "loaded_terms",
    "predict_stance",
    "predict_stances",
    "score_bias",
    "score_biases",
]
