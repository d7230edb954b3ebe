from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class PortalLanguageMiddleware:
    """Vietnamese unless the visitor chose English with the language switch.

    Django's LocaleMiddleware also follows the browser's Accept-Language, which would show
    English to the many Vietnamese readers whose browsers are set to English. Here only the
    switch (its cookie) changes the language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class PrivatePagesMiddleware:
    """Pages for a signed-in person are kept by no browser and no proxy.

    Ward offices share computers: without this, after one officer signs out, the next person
    could bring the officer's pages back with the browser's Back button or its cache. The
    public pages for visitors without a session keep their own caching headers
    (common.public_cache), and static files never reach this middleware (WhiteNoise
    answers them first).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # private, no-store, no-cache, max-age=0
        return response
