"""API of the privacy features: a person's own data export."""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import privacy


class MyExport(APIView):
    """Everything stored about the signed-in person (GDPR access and portability)."""

    @extend_schema(
        operation_id="me_export",
        summary="Export of my personal data",
        description=(
            "The same JSON as the download on the privacy page: per kind of data its purpose and "
            "the records about you. Nothing about other people. Recorded in the audit log."
        ),
        responses={200: OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "Export",
                value={
                    "format": privacy.EXPORT_FORMAT,
                    "exported_at": "2026-03-01T10:00:00+01:00",
                    "person": {"id": 7, "email": "a.jansen@example.org", "name": "A. Jansen"},
                    "data": {
                        "learning.skillgoal": {
                            "purpose": "Je leerdoelen en hoe ver je bent",
                            "records": [{"id": 3, "statement": "Een draaitabel maken"}],
                        }
                    },
                },
                response_only=True,
            )
        ],
    )
    def get(self, request):
        # One serialisation path for page and API: the JSON text of the export service.
        return Response(json.loads(privacy.export_for(user=request.user)))
