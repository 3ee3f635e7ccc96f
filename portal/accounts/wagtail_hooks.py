from wagtail import hooks


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("accounts.verified_name", "登记实名", "登记实名")
    actions.register_action("accounts.committee_join", "加入监委会", "加入监委会")
    actions.register_action("accounts.committee_leave", "退出监委会", "退出监委会")
