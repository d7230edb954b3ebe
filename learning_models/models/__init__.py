from .catalogue import CriteriaSet, Criterion, Indicator
from .dossiers import Dossier, DossierFile, FileKind, IndicatorValue, Recognition
from .households import HouseholdCount, RecognisedHousehold

__all__ = [
    "CriteriaSet",
    "Criterion",
    "Dossier",
    "DossierFile",
    "FileKind",
    "HouseholdCount",
    "Indicator",
    "IndicatorValue",
    "RecognisedHousehold",
    "Recognition",
]
