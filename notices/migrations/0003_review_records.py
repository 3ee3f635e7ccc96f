"""Approvals bound to fingerprints: the fund's name kept on each disclosure, the hash-chained
disclosure log, and committee approvals moved into the shared review.ReviewApproval."""

from django.db import migrations, models


def fill_fund_names(apps, schema_editor):
    Disclosure = apps.get_model("notices", "FinancialDisclosurePage")
    for page in Disclosure.objects.select_related("fund").filter(fund_name=""):
        Disclosure.objects.filter(pk=page.pk).update(fund_name=page.fund.name)


def move_approvals(apps, schema_editor):
    """Earlier approvals named no fingerprint: they stay as history but seal nothing."""
    CommitteeApproval = apps.get_model("notices", "CommitteeApproval")
    ReviewApproval = apps.get_model("review", "ReviewApproval")
    ReviewApproval.objects.bulk_create(
        ReviewApproval(
            page_id=a.page_id,
            revision_id=a.revision_id,
            task_state_id=a.task_state_id,
            user_id=a.user_id,
            approver_name=a.approver_name,
            fingerprint="",
            approved_at=a.approved_at,
            comment=a.comment,
        )
        for a in CommitteeApproval.objects.all()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('notices', '0002_committee_workflow'),
        ('review', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='DisclosureEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('approved', '监委会成员审核通过'), ('published', '公开'), ('corrected', '更正后重新公开'), ('withdrawn', '撤回')], max_length=20, verbose_name='事件')),
                ('page_id', models.BigIntegerField(db_index=True, verbose_name='财务公开页面')),
                ('revision_id', models.BigIntegerField(blank=True, null=True, verbose_name='版本')),
                ('fingerprint', models.CharField(blank=True, max_length=64, verbose_name='内容指纹')),
                ('actor', models.CharField(blank=True, max_length=150, verbose_name='操作人')),
                ('created_at', models.DateTimeField(verbose_name='时间')),
                ('data', models.TextField(default='{}', verbose_name='内容（规范 JSON）')),
                ('prev_hash', models.CharField(max_length=64, unique=True, verbose_name='上一条的哈希')),
                ('entry_hash', models.CharField(max_length=64, unique=True, verbose_name='本条哈希')),
            ],
            options={
                'verbose_name': '财务公开审核日志',
                'verbose_name_plural': '财务公开审核日志',
                'ordering': ['pk'],
            },
        ),
        migrations.AddField(
            model_name='financialdisclosurepage',
            name='fund_name',
            field=models.CharField(blank=True, editable=False, max_length=60, verbose_name='资金账户名称'),
        ),
        migrations.RunPython(fill_fund_names, migrations.RunPython.noop),
        migrations.RunPython(move_approvals, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='CommitteeApproval',
        ),
    ]
