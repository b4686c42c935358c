"""What events tells a subscriber in the digest email (see core.contributions.DIGEST_ITEMS)."""
