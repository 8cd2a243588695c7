"""Training the models of :mod:`parallax.models` (needs scikit-learn; prediction does not).

Each ``train_*`` function reads a public data set (:mod:`parallax.datasets`) from a folder given
as an argument, holds out its validation data by a fixed seed, writes a pickle-free artefact
into a models folder (by default the packaged one) and returns a :class:`TrainSummary`.
"""

from parallax.training.summary import TrainSummary

__all__ = ["TrainSummary"]
