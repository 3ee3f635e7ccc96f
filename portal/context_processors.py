from portal.elder import is_elder_mode


def elder_mode(request):
    """`elder_mode` is True when the resident switched on 长辈版 (large text)."""
    return {"elder_mode": is_elder_mode(request)}
