"""The direction words of a reason (rules/reasons.py)."""

from juesuan.rules.reasons import directions


def test_directions_of_reason_words():
    assert directions("人员增加且工资增长") == {"增加"}
    assert directions("预存取暖电费压减，物业经费预算执行压减") == {"减少"}
    assert directions("人员增加，但物业经费压减") == {"增加", "减少"}
    assert directions("部分邮电费和印刷费未支付") == {"减少"}


def test_negated_words_say_nothing():
    assert directions("人员未增加") == set()
    assert directions("本年度没有增加公务用车") == set()
    assert directions("专项资金列支") == set()
