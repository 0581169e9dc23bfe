"""Signing keys of Open Badges: print a new KEK, rotate an organisation's key, re-seal keys.

    manage.py badge_keys --new-kek                 # a KEK for KOHTAANTO_BADGE_KEK (stdout only)
    manage.py badge_keys --rotate ORG_ID [--compromised]
    manage.py badge_keys --reseal                  # after setting a new KOHTAANTO_BADGE_KEK

Never prints a private or sealed key; rotation prints only the new key's id and public key.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kohtaanto.achievements import keys
from kohtaanto.badges.keys import KeyEncryptionKey
from kohtaanto.core.models import Organisation


class Command(BaseCommand):
    help = "Manage the Open Badges signing keys (new KEK, rotate, re-seal)."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--new-kek", action="store_true", help="Print a new random KEK.")
        group.add_argument("--rotate", type=int, metavar="ORG_ID", help="Rotate the key.")
        group.add_argument("--reseal", action="store_true", help="Re-seal with the current KEK.")
        parser.add_argument(
            "--compromised",
            action="store_true",
            help="With --rotate: the old key leaked; take it out of the DID document.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_kek"]:
            self.stdout.write(KeyEncryptionKey.new_text())
        elif options["reseal"]:
            self.stdout.write(f"re-sealed {keys.reseal_all()} keys")
        else:
            organisation = Organisation.objects.filter(pk=options["rotate"]).first()
            if organisation is None:
                raise CommandError("No such organisation.")
            key = keys.rotate_key(organisation, compromised=options["compromised"])
            self.stdout.write(f"new key {key.fragment} {key.public_key_multibase}")
