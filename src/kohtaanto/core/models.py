from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Placeholder; the core helper replaces this."""
