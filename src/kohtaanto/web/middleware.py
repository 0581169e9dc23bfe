from django.middleware.locale import LocaleMiddleware


class LanguageMiddleware(LocaleMiddleware):
    """Placeholder; the web helper replaces this."""
