"""Django project configuration: settings from the environment, URLs, system checks."""
