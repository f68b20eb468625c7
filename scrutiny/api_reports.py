"""/api/reports/yearly/...: request a yearly report's PDF, follow its job, download it.

- `POST /api/reports/yearly/` `{"partnership": ID, "period_start": "YYYY-MM-DD",
  "period_end": "YYYY-MM-DD"}` (the business unit, MANAGE_REPORTS): the partnership's report
  for the period (made if new) gets a new version queued for rendering; 202 with
  `{"id", "status"}`. While a version is still requested or rendering, that one is answered
  instead of queuing another. 400 on bad input, 404 for a partnership that is not the
  caller's, 403 for one they take part in without MANAGE_REPORTS.
- `GET /api/reports/yearly/?partnership=ID`: the partnership's yearly reports the caller may
  see, newest first, each with its sign-offs (partner id and name, signer's name, capacity,
  when) and its publication (`published_on`, `url`). 400 without a whole-number
  partnership; 404 for one that is not the caller's.
- `GET /api/reports/yearly/{id}/`: the report with its latest version's `status`
  (requested, rendering, ready, failed; null before any) and `progress`.
- `GET /api/reports/yearly/{id}/pdf/`: the latest ready version as application/pdf.
- `POST /api/reports/yearly/{id}/sign-off/` `{"partner": <agency id>}`: the caller's sign-off
  for that statutory partner, 201. 403 for anyone but that partner's lead safeguarding
  partner; 404 for a report the caller may not see; 400 for a partner id that is not one of
  the report's partners, a report already signed for it, or one still missing its required
  sections.
Drafts answer 404 to people who are not readers of scrutiny (agency staff); who sees what
comes from scrutiny/permissions.py only.
"""

from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from partnership.api.common import MAX_ID, PARTNERSHIP_MESSAGE, StrictFields, whole_number
from partnership.files import file_response
from partnership.models import AccessEvent
from partnership.services.audit import access_event_record

from . import permissions
from .models import RenderStatus
from .selectors import reports as selectors
from .services import report_render
from .services import reports as services


class FirstRenderer(BaseContentNegotiation):
    """Errors are JSON whatever the client accepts; the PDF is a plain file response."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class RequestSerializer(StrictFields, serializers.Serializer):
    partnership = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    period_start = serializers.DateField()
    period_end = serializers.DateField()


class JobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=RenderStatus.choices, allow_null=True)


class ReportSerializer(JobSerializer):
    partnership = serializers.IntegerField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    progress = serializers.IntegerField()
    version = serializers.IntegerField(allow_null=True)
    draft = serializers.BooleanField(allow_null=True)
    reason = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    pdf = serializers.CharField(allow_null=True)


class YearlyReportSignOffSerializer(serializers.Serializer):
    partner = serializers.IntegerField(help_text="The statutory partner agency's id.")
    partner_name = serializers.CharField(help_text="Its name on the period's last day.")
    signed_by = serializers.CharField(help_text="The lead safeguarding partner's name.")
    capacity = serializers.CharField()
    signed_at = serializers.DateTimeField()


class YearlyReportSignOffRequestSerializer(StrictFields, serializers.Serializer):
    partner = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class YearlyReportListedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    partnership = serializers.IntegerField()
    label = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    signed_off = serializers.BooleanField(
        help_text="Signed off by the lead safeguarding partners of all three statutory partners.")
    sign_offs = YearlyReportSignOffSerializer(many=True)
    published_on = serializers.DateField(allow_null=True)
    url = serializers.CharField(help_text="Where it is published (empty before).")


def _sign_off(sign_off, report):
    return {"partner": sign_off.partner_id, "partner_name": sign_off.partner.name_on(report.period_end),
            "signed_by": sign_off.signed_by.full_name or sign_off.signed_by.email,
            "capacity": sign_off.capacity, "signed_at": sign_off.signed_at}


def _listed(report):
    return {"id": report.pk, "partnership": report.partnership_id, "label": report.label,
            "period_start": report.period_start, "period_end": report.period_end,
            "signed_off": report.signed_off,
            "sign_offs": [_sign_off(s, report) for s in report.sign_offs.all()],
            "published_on": report.published_on, "url": report.published_url}


def _state(report, version):
    ready = version is not None and version.status == RenderStatus.READY
    return {"id": report.pk, "partnership": report.partnership_id,
            "period_start": report.period_start, "period_end": report.period_end,
            "status": version.status if version else None,
            "progress": version.progress if version else 0,
            "version": version.number if version else None,
            "draft": version.draft if version else None,
            "reason": version.reason if version else "",
            "published_on": report.published_on,
            "pdf": reverse("scrutiny:api-report-pdf", args=[report.pk]) if ready else None}


class YearlyReportRequest(APIView):
    content_negotiation_class = FirstRenderer

    @extend_schema(parameters=[OpenApiParameter(
        "partnership", int, required=True, description="The id of one of your partnerships.")],
        responses=YearlyReportListedSerializer(many=True),
        summary="A partnership's yearly reports, newest first, with their sign-offs")
    def get(self, request):
        raw = request.query_params.get("partnership")
        if raw is None:
            raise exceptions.ValidationError({"partnership": [PARTNERSHIP_MESSAGE]})
        partnership = permissions.listing_partnership(
            request.user, whole_number(raw, "partnership", PARTNERSHIP_MESSAGE))
        reports = selectors.api_report_list(permissions.reports_for(request.user, partnership))
        return Response([_listed(r) for r in reports])

    @extend_schema(request=RequestSerializer,
                   responses={202: JobSerializer,
                              503: OpenApiResponse(description="The job queue is not answering: "
                                                               "nothing was made; try again.")},
                   summary="Request a yearly report's PDF (rendered in the background)")
    def post(self, request):
        data = RequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        partnership = permissions.readable_partnership(request.user, values["partnership"])
        if not permissions.can_manage_reports(request.user, partnership):
            raise exceptions.PermissionDenied("Only the business unit prepares the yearly report.")
        report = services.report_for_period(
            partnership=partnership, period_start=values["period_start"],
            period_end=values["period_end"], created_by=request.user)
        version = selectors.latest_version(report.versions.all())
        if version is None or version.status not in (RenderStatus.REQUESTED, RenderStatus.RENDERING):
            version = report_render.render_request(report=report, requested_by=request.user)
        else:  # one is on its way, unless its job was lost
            report_render.requeue_if_stale(version)
        return Response({"id": report.pk, "status": version.status}, status=status.HTTP_202_ACCEPTED)


class YearlyReportDetail(APIView):
    content_negotiation_class = FirstRenderer

    @extend_schema(responses=ReportSerializer, summary="A yearly report and its latest job")
    def get(self, request, pk):
        report = permissions.report_by_id(request.user, pk)
        version = selectors.latest_version(permissions.versions_for(request.user, report))
        return Response(_state(report, version))


class YearlyReportPdf(APIView):
    content_negotiation_class = FirstRenderer

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
                   summary="The latest ready version of a yearly report, as PDF")
    def get(self, request, pk):
        report = permissions.report_by_id(request.user, pk)
        version = selectors.latest_ready(permissions.versions_for(request.user, report))
        if version is None or not version.file:
            raise Http404("No version of this report is ready yet.")
        access_event_record(user=request.user, obj=report, action=AccessEvent.Action.DOWNLOAD,
                            partnership=report.partnership, path=request.path)
        return file_response(version.file, filename=version.filename,
                             content_type="application/pdf")


class YearlyReportSignOff(APIView):
    content_negotiation_class = FirstRenderer

    @extend_schema(request=YearlyReportSignOffRequestSerializer,
                   responses={201: YearlyReportSignOffSerializer,
                              400: OpenApiResponse(description="Not one of the report's "
                                                               "partners, already signed for it, "
                                                               "or required sections missing."),
                              403: OpenApiResponse(description="You are not that partner's lead "
                                                               "safeguarding partner.")},
                   summary="Sign a yearly report off for the statutory partner you lead for")
    def post(self, request, pk):
        report = permissions.report_by_id(request.user, pk)
        memberships = permissions.sign_off_memberships(request.user, report)
        if not memberships:
            raise exceptions.PermissionDenied(
                "Only a lead safeguarding partner signs off the yearly report.")
        data = YearlyReportSignOffRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        partner_id = data.validated_data["partner"]
        if partner_id not in {a.pk for a in selectors.report_partners(report)}:
            raise exceptions.ValidationError({"partner": ["Not a statutory partner who signs "
                                                          "this report off."]})
        membership = permissions.membership_for_partner(memberships, partner_id)
        if membership is None:
            raise exceptions.PermissionDenied(
                "You sign off only for " + ", ".join(m.agency.name for m in memberships) + ".")
        sign_off = services.sign_off(report=report, membership=membership)
        return Response(_sign_off(sign_off, report), status=status.HTTP_201_CREATED)
