"""Putting a service's validation errors back on a form."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def add_service_errors(form, error: ValidationError) -> None:
    """Attach each field error to its form field; errors on fields the form does not show
    become form-wide errors that still name the field."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        if name in form.fields:
            form.add_error(name, messages)
        elif name == NON_FIELD_ERRORS:
            form.add_error(None, messages)
        else:
            form.add_error(None, [f"{name}: {message}" for message in messages])


def submit(request, form, service, **kwargs):
    """On a valid POST, call ``service(actor=request.user, **kwargs, **form data)`` and
    return its result; on bad input put the errors on the form and return None."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return service(actor=request.user, **kwargs, **form.service_data())
    except ValidationError as error:
        add_service_errors(form, error)
        return None
