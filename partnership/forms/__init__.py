from .accounts import LoginForm
from .dates import GovukDateField
from .people import AgencyForm, InviteForm, MembershipEndForm, PartnershipSwitchForm

__all__ = ["AgencyForm", "GovukDateField", "InviteForm", "LoginForm", "MembershipEndForm",
           "PartnershipSwitchForm"]
