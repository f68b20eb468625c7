from allauth.account import views as allauth_views
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .observability.metrics import metrics
from .views import (
    accounts,
    agencies,
    api_access,
    child_protection,
    notifications,
    organisations,
    pages,
    partnerships,
    people,
    sessions,
    sso,
)

account_urls = [
    path("login/", accounts.LoginView.as_view(), name="login"),
    # allauth's own views send people to "account_login" (an expired or missing pending
    # sign-in): the same page, at the same address.
    path("login/", accounts.LoginView.as_view(), name="account_login"),
    path("logout/", accounts.LogoutView.as_view(), name="logout"),
    path("signed-out/", accounts.signed_out, name="signed-out"),
    path("password-reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="registration/password_reset_sent.html"), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="registration/password_reset_confirm.html"), name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="registration/password_reset_complete.html"),
        name="password_reset_complete"),
    path("invitation/<uidb64>/<token>/", accounts.InvitationAcceptView.as_view(),
         name="invitation-accept"),
    path("invitation/done/", accounts.invitation_complete, name="invitation-complete"),
    path("sso/", sso.sign_in, name="sso"),
    # The signed-in person's own sessions, and the timeout warning's "Stay signed in".
    path("sessions/", sessions.session_list, name="usersessions_list"),
    path("sessions/sign-out-others/", sessions.sessions_end, {"everywhere": False},
         name="usersessions_end_others"),
    path("sessions/sign-out-all/", sessions.sessions_end, {"everywhere": True},
         name="usersessions_end_all"),
    path("sessions/keep-alive/", sessions.keep_alive, name="usersessions_keep_alive"),
    # allauth asks for the password again before a second factor is added or removed.
    path("reauthenticate/", allauth_views.reauthenticate, name="account_reauthenticate"),
]

# /notifications/...: the signed-in person's own
notification_urls = [
    path("", notifications.inbox, name="notifications"),
    path("<int:pk>/read/", notifications.notification_read, name="notification-read"),
    path("read/", notifications.notifications_read_all, name="notifications-read-all"),
    path("preferences/", notifications.preferences, name="notification-preferences"),
]

# /accounts/api-access/...: the signed-in person's own API tokens
api_access_urls = [
    path("", api_access.api_access, name="api-access"),
    path("create/", api_access.api_token_create, name="api-access-create"),
    path("<int:pk>/revoke/", api_access.api_token_revoke, name="api-access-revoke"),
    path("revoke-all/", api_access.api_tokens_revoke_all, name="api-access-revoke-all"),
]

# /p/<slug>/...
partnership_urls = [
    path("", partnerships.overview, name="partnership-overview"),
    path("agencies/", agencies.agency_list, name="agency-list"),
    path("agencies/<int:pk>/", agencies.agency_detail, name="agency-detail"),
    path("agencies/<int:pk>/edit/", agencies.agency_edit, name="agency-edit"),
    path("designations/add/", agencies.designation_add, name="designation-add"),
    path("designations/<int:pk>/edit/", agencies.designation_edit, name="designation-edit"),
    path("education-partner/", partnerships.education_partner, name="education-partner"),
    path("child-protection-teams/", child_protection.team_list,
         name="child-protection-team-list"),
    path("child-protection-teams/add/", child_protection.team_create,
         name="child-protection-team-add"),
    path("child-protection-teams/<int:pk>/", child_protection.team_detail,
         name="child-protection-team-detail"),
    path("child-protection-teams/<int:pk>/edit/", child_protection.team_edit,
         name="child-protection-team-edit"),
    path("child-protection-teams/<int:pk>/members/add/", child_protection.member_add,
         name="child-protection-member-add"),
    path("child-protection-teams/<int:pk>/members/<int:member_pk>/end/",
         child_protection.member_end, name="child-protection-member-end"),
    path("agencies/<int:pk>/rename/", organisations.agency_rename, name="agency-rename"),
    path("agencies/<int:pk>/merge/", organisations.agency_merge, name="agency-merge"),
    path("people/", people.people_list, name="people"),
    path("people/invite/", people.invite, name="people-invite"),
    path("people/partnership-roles/<int:pk>/end/", people.membership_end,
         {"kind": "partnership"}, name="membership-end-partnership"),
    path("people/agency-roles/<int:pk>/end/", people.membership_end,
         {"kind": "agency"}, name="membership-end-agency"),
    path("people/<int:pk>/second-factor/reset/", people.second_factor_reset,
         name="person-second-factor-reset"),
    path("second-factor/", people.second_factor_setting, name="partnership-second-factor"),
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("switch/", pages.partnership_switch, name="partnership-switch"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("healthz", pages.healthz, name="healthz"),
    path("readyz", pages.readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),  # METRICS_TOKEN's bearer only
    path("accounts/", include(account_urls)),
    path("accounts/2fa/", include("allauth.mfa.urls")),
    # Single sign-on's answer from the provider: accounts/oidc/<provider id>/login/(callback/)
    # (its start through partnership.views.sso.provider_login, which answers 503, not 500,
    # when the provider does not answer).
    path("accounts/oidc/<str:provider_id>/login/", sso.provider_login,
         name="openid_connect_login"),
    path("accounts/", include("allauth.socialaccount.providers.openid_connect.urls")),
    path("notifications/", include(notification_urls)),
    path("accounts/api-access/", include(api_access_urls)),
    path("p/<slug:slug>/", include(partnership_urls)),
    path("api/", include("partnership.api.urls")),
    # Each feature app's routes, its pages and its API, in its own urls.py under its own
    # namespace (the app_name there), included once from here by dotted string.
    path("", include("governance.urls")),
    path("", include("agencies.urls")),
    path("", include("reviews.urls")),
    path("", include("funding.urls")),
    path("", include("scrutiny.urls")),
    path("", include("arrangements.urls")),
    path("", include("portfolio.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Under /api/, what fails before DRF sees the request answers JSON too (partnership/api/errors.py).
handler400 = "partnership.api.errors.bad_request"
handler404 = "partnership.api.errors.page_not_found"
handler500 = "partnership.api.errors.server_error"
