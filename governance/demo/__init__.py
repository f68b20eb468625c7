"""Governance demo data: North Yorkshire's groups from seed 004 (paras 13-25), their meetings
and the action register.

- Groups, chairs, frequencies, lengths and membership are as the seed writes them (domain.md
  §7.4 F-GR and F-MEM): seats are posts, with the agency where the post names one that the
  demo has; a demo person sits in a seat only where their office fits the post.
- The seven MACE practitioner groups ("Monthly in 7 geographical areas") are named after
  North Yorkshire's seven districts, which the seed does not list.
- The Child Death Overview Panel serves City of York too (paras 20-24): it belongs to North
  Yorkshire and is shared with York.
- Meetings: a year's schedule from the launch (2019/20) and the twelve months around today,
  so there are past and upcoming ones. Past meetings have agenda items, attendance for every
  seat, decisions and minutes (approved at the next meeting; the latest in draft). One
  executive meeting was not quorate.
- A dozen and more actions in the register, in every status.

seed.py holds the content, build.py writes it, priorities.py adds the priorities and
work plans. Everything is written through governance/services. Invented content names posts, never
people. Runs once: a partnership that already has groups is left alone.
"""

from .build import load
from .priorities import load as load_priorities

__all__ = ["load", "load_priorities"]
