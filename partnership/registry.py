"""Where the apps above the core plug in, without the core importing them.

Each app registers its providers in its AppConfig.ready():
- home providers: `provider(user, partnership) -> list[HomeTask]`, the "what needs doing"
  items of the home page;
- demo loaders: `loader(stdout) -> None`, called by `manage.py load_demo` after the core's
  own demo data, in registration order;
- merger handlers: `handler(agency, into, merged_on) -> None`, called inside the transaction
  of `partnership.services.organisations.agency_merge`, so that what an app holds for the
  merged agency from that day (a governance group's seats) passes to its successor;
- second factor rules: `rule() -> Q` on User, the people who must sign in with a second
  factor because of what the app gives them (reviews: a current case grant), read by
  `partnership.permissions.mfa_required`.
"""

from dataclasses import dataclass

_home_providers = []
_demo_loaders = []
_merge_handlers = []
_second_factor_rules = []


@dataclass(frozen=True)
class HomeTask:
    title: str
    url: str
    description: str = ""
    count: int | None = None
    overdue: bool = False


def register_home(provider):
    if provider not in _home_providers:
        _home_providers.append(provider)
    return provider


def home_tasks(user, partnership):
    return [task for provider in _home_providers for task in provider(user, partnership)]


def register_demo(loader):
    if loader not in _demo_loaders:
        _demo_loaders.append(loader)
    return loader


def demo_loaders():
    return list(_demo_loaders)


def register_merge(handler):
    if handler not in _merge_handlers:
        _merge_handlers.append(handler)
    return handler


def merged(agency, into, merged_on):
    for handler in _merge_handlers:
        handler(agency, into, merged_on)


def register_second_factor_rule(rule):
    if rule not in _second_factor_rules:
        _second_factor_rules.append(rule)
    return rule


def second_factor_rules():
    return list(_second_factor_rules)
