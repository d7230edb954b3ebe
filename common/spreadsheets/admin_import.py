"""django-import-export's admin import, held to read_table's limits from upload to confirmation.

The library's flow stays as it is: the import page takes a file, stores it, reads it for a
dry run and shows the preview; the preview's ConfirmImportForm names the stored file, and
the confirm step reads it again and imports it. `GuardedImportMixin`, mixed into an admin
ahead of the library's ImportMixin, closes what that flow leaves open:

- the upload form takes the format from the file's name (one thing to choose, the file) and
  refuses a file larger than read_table reads before the library copies it anywhere;
- the stored file waits in a folder of its own (`PendingUploadStorage`) under a random
  name only the portal's process may read, is read back no larger than read_table reads,
  and is forgotten after a day, at once when its preview found errors, and once confirmed;
- the confirm form carries the stored file's name, with the original name, the format and
  the resource, signed for the uploader (their user id is part of the signature, which
  lasts a day): another user's upload, a hand-typed name, a spent or stale upload are
  refused with a message and a way back to the import page, never read.
"""

import os
import re
import stat
import tempfile
import time
import uuid
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.tmp_storages import TempFolderStorage

from .limits import TableError, too_large
from .reading import MAX_BYTES, table_format

# How long an upload waits for its confirmation.
KEEP_SECONDS = 24 * 60 * 60
EXPIRED = _("That upload has expired. Please upload the file again.")
_STORED_NAME = re.compile(r"[0-9a-f]{32}")


class PendingUploadStorage(TempFolderStorage):
    """Where an upload waits between its preview and its confirmation."""

    folder_name = "portal-uploads"

    @classmethod
    def folder(cls) -> Path:
        path = Path(tempfile.gettempdir()) / cls.folder_name
        path.mkdir(mode=0o700, exist_ok=True)
        # The temporary folder is shared: a folder of that name that another user made (or a
        # link to one) could hand the portal files it never stored.
        found = path.lstat()
        if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid():
            raise PermissionError(f"{path} is not the portal's own folder")
        if stat.S_IMODE(found.st_mode) != 0o700:
            path.chmod(0o700)
        return path

    @classmethod
    def forget_old(cls):
        limit = time.time() - KEEP_SECONDS
        for path in cls.folder().iterdir():
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                pass

    def save(self, data):
        self.forget_old()
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        self.name = uuid.uuid4().hex
        descriptor = os.open(self.get_full_path(), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)

    def read(self):
        # One byte more than read_table reads, so that it says the file is too large.
        descriptor = os.open(self.get_full_path(), os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(descriptor, "rb") as handle:
            return handle.read(MAX_BYTES + 1)

    def remove(self):
        if self.is_ours():
            Path(self.get_full_path()).unlink(missing_ok=True)

    def exists(self):
        return self.is_ours() and Path(self.get_full_path()).is_file()

    def is_ours(self):
        """Whether the name is one this storage gives (it never names another file)."""
        return bool(_STORED_NAME.fullmatch(self.name or ""))

    def get_full_path(self):
        if not self.is_ours():
            raise FileNotFoundError(self.name)
        return str(self.folder() / self.name)


class GuardedImportForm(ImportForm):
    """The library's upload form, without the format to choose: the file's name tells it."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        del self.fields["format"]
        upload = self.fields["import_file"]
        upload.widget.attrs = {
            "accept": ",".join(sorted({format_class.suffix for format_class in formats}))
        }
        upload.help_text = _("An .xlsx workbook (its first sheet) or a .csv file in UTF-8.")

    @property
    def media(self):
        # No format to guess in the browser, so none of the library's scripts.
        return forms.Media()

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(too_large(MAX_BYTES).message, code="too_large")
        return upload

    def clean(self):
        data = super().clean()
        upload = data.get("import_file")
        if upload is None:
            return data
        upload.seek(0)
        head = upload.read(4)
        upload.seek(0)
        try:
            kind = table_format(upload.name, head)
        except TableError as error:
            self.add_error("import_file", error.message)
            return data
        for index, format_class in enumerate(self.formats):
            if getattr(format_class, "kind", "") == kind:
                data["format"] = str(index)
                return data
        self.add_error("import_file", gettext("Files of this kind cannot be imported here."))
        return data


class SignedConfirmImportForm(ConfirmImportForm):
    """The library's confirm form, whose stored file's name is signed for the uploader.

    `import_file_name` carries the signed name with the original name, the format and the
    resource; the other fields are shown as the library shows them, but what counts is what
    was signed.
    """

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for name in ("original_file_name", "format", "resource"):
            self.fields[name].required = False

    @staticmethod
    def salt(user):
        return f"{__name__}.confirm:{user.pk}"

    @classmethod
    def sign(cls, user, *, stored, original, format, resource):
        payload = {"stored": stored, "original": original, "format": format, "resource": resource}
        return signing.dumps(payload, salt=cls.salt(user))

    def clean_import_file_name(self):
        try:
            payload = signing.loads(
                self.cleaned_data["import_file_name"],
                salt=self.salt(self.user),
                max_age=KEEP_SECONDS,
            )
        except signing.BadSignature as error:
            raise ValidationError(EXPIRED, code="expired") from error
        self.signed = payload
        return payload["stored"]

    def clean(self):
        data = super().clean()
        signed = getattr(self, "signed", None)
        if signed is not None:
            data["original_file_name"] = signed["original"]
            data["format"] = signed["format"]
            data["resource"] = signed["resource"]
        return data


class GuardedImportMixin:
    """Mixed into a ModelAdmin ahead of ImportMixin (or ImportExportModelAdmin)."""

    import_form_class = GuardedImportForm
    confirm_form_class = SignedConfirmImportForm
    tmp_storage_class = PendingUploadStorage

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if "confirm_form" not in context:
            # Nothing to confirm (the file was refused): the stored upload is not kept. The
            # library names it on the uploaded file, which the form drops when refusing it.
            stored = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
            if stored:
                self._storage(stored).remove()
        return response

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        app_label, model_name = self.get_model_info()
        import_url = reverse(
            f"admin:{app_label}_{model_name}_import", current_app=self.admin_site.name
        )
        confirm_form = self.create_confirm_form(request)
        storage = None
        if confirm_form.is_valid():
            storage = self._storage(confirm_form.cleaned_data["import_file_name"])
        if storage is None or not storage.exists():
            messages.error(request, EXPIRED)
            return HttpResponseRedirect(import_url)
        try:
            return super().process_import(request, **kwargs)
        except TableError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(import_url)
        finally:
            storage.remove()

    def get_confirm_form_kwargs(self, request, import_form=None):
        kwargs = super().get_confirm_form_kwargs(request, import_form)
        kwargs["user"] = request.user
        return kwargs

    def get_confirm_form_initial(self, request, import_form):
        if import_form is None:
            return {}
        data = import_form.cleaned_data
        original = Path(data["import_file"].name).name
        resource = data.get("resource", "")
        signed = self.get_confirm_form_class(request).sign(
            request.user,
            stored=data["import_file"].tmp_storage_name,
            original=original,
            format=data["format"],
            resource=resource,
        )
        return {
            "import_file_name": signed,
            "original_file_name": original,
            "format": data["format"],
            "resource": resource,
        }

    def write_to_tmp_storage(self, import_file, input_format):
        storage = self._storage(None)
        storage.save(b"".join(import_file.chunks()))
        return storage

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, TableError):
            form.add_error("import_file", e.message)
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def _storage(self, name):
        return self.get_tmp_storage_class()(
            name=name, encoding=None, read_mode="rb", **self.get_tmp_storage_class_kwargs()
        )
