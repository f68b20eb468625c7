"""Scrutiny's records. Each area keeps its models in its own module."""

from .activities import *  # noqa: F403
from .challenges import *  # noqa: F403
from .consultations import *  # noqa: F403
from .dataset import *  # noqa: F403
from .indicators import *  # noqa: F403
from .reports import *  # noqa: F403
