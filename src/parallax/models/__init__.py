"""The learned classifiers: stance toward claims, loaded language, persuasion techniques.

Every model here predicts with numpy alone from small pickle-free artefacts shipped in
``parallax/data/models`` (each with a NOTE.md on its data, licence and training command);
training lives in :mod:`parallax.training` and needs scikit-learn.
"""

from parallax.models.bias import loaded_terms, score_bias, score_biases
from parallax.models.stance import StanceResult, predict_stance, predict_stances
from parallax.models.techniques import TechniqueSpan, classify_spans, find_techniques

__all__ = [
    "StanceResult",
    "TechniqueSpan",
    "classify_spans",
    "find_techniques",
    "loaded_terms",
    "predict_stance",
    "predict_stances",
    "score_bias",
    "score_biases",
]
