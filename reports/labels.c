/* SPDX-License-Identifier: MIT */
/*
 * labels.c - the table of labels (see labels.h).  The Chinese terms
 * are those of GB/T 19001 and the certification bodies' audit reports
 * (严重不符合 / 一般不符合 for major / minor nonconformities, 观察项
 * for an observation); doc/reports.md lists them.  Each entry holds
 * the combined label, so cf_label() returns static text without
 * building a string.
 */
#include "conform.h"
#include "labels.h"

#include <string.h>

struct label {
	enum cf_label_kind kind;
	const char *token, *both, *zh, *en;
};

#define L(k, t, zh, en) { k, t, zh " " en, zh, en }

static const struct label table[] = {
	L(CF_LABEL_RESULT, "pass", "符合", "pass"),
	L(CF_LABEL_RESULT, "fail", "不符合", "fail"),
	L(CF_LABEL_RESULT, "na", "不适用", "n/a"),
	L(CF_LABEL_RESULT, "error", "未判定", "not judged"),

	L(CF_LABEL_SEVERITY, "major", "严重", "major"),
	L(CF_LABEL_SEVERITY, "minor", "一般", "minor"),
	L(CF_LABEL_SEVERITY, "observation", "观察项", "observation"),

	L(CF_LABEL_OVERALL, "major-nonconformity", "不符合",
	    "not conforming (major nonconformity)"),
	L(CF_LABEL_OVERALL, "minor-nonconformity", "基本符合",
	    "conforming with minor nonconformities"),
	L(CF_LABEL_OVERALL, "conforming", "符合", "conforming"),

	L(CF_LABEL_NCR_STATE, "open", "未关闭", "open"),
	L(CF_LABEL_NCR_STATE, "analysed", "已分析原因", "analysed"),
	L(CF_LABEL_NCR_STATE, "action-planned", "已制定措施",
	    "action planned"),
	L(CF_LABEL_NCR_STATE, "implemented", "措施已实施", "implemented"),
	L(CF_LABEL_NCR_STATE, "verified", "已验证", "verified"),
	L(CF_LABEL_NCR_STATE, "closed", "已关闭", "closed"),
	L(CF_LABEL_NCR_STATE, "rejected", "不成立", "rejected"),

	L(CF_LABEL_CHECK_TYPE, "on-time", "按时办结", "on-time"),
	L(CF_LABEL_CHECK_TYPE, "fee", "收费", "fee"),
	L(CF_LABEL_CHECK_TYPE, "materials", "申请材料", "materials"),
	L(CF_LABEL_CHECK_TYPE, "steps", "办理环节", "steps"),
	L(CF_LABEL_CHECK_TYPE, "roles", "岗位职责", "roles"),
	L(CF_LABEL_CHECK_TYPE, "four-eyes", "不相容岗位分离", "four-eyes"),
	L(CF_LABEL_CHECK_TYPE, "in-force", "依现行版本办理", "in force"),
	L(CF_LABEL_CHECK_TYPE, "late-record", "及时录入", "late record"),
	L(CF_LABEL_CHECK_TYPE, "statutory-time", "法定时限内办结",
	    "statutory time"),
	L(CF_LABEL_CHECK_TYPE, "extension", "延长期限合规", "extension"),
	L(CF_LABEL_CHECK_TYPE, "supplement", "一次性告知", "supplement"),
	L(CF_LABEL_CHECK_TYPE, "on-time-rate", "按时办结率", "on-time rate"),
	L(CF_LABEL_CHECK_TYPE, "on-the-spot-ratio", "即办件比例",
	    "on-the-spot ratio"),
	L(CF_LABEL_CHECK_TYPE, "limit-compression", "承诺时限压缩率",
	    "limit compression"),
	L(CF_LABEL_CHECK_TYPE, "on-the-spot-volume", "即办件办件量占比",
	    "on-the-spot volume"),
	L(CF_LABEL_CHECK_TYPE, "actual-compression", "实际办理时限压缩率",
	    "actual compression"),
	L(CF_LABEL_CHECK_TYPE, "bad-review", "差评整改回访", "bad review"),
	L(CF_LABEL_CHECK_TYPE, "satisfaction-rate", "满意率",
	    "satisfaction rate"),
	L(CF_LABEL_CHECK_TYPE, "evaluation-coverage", "评价覆盖率",
	    "evaluation coverage"),
	L(CF_LABEL_CHECK_TYPE, "guide-complete", "办事指南完整",
	    "guide complete"),
	L(CF_LABEL_CHECK_TYPE, "limits-consistent", "时限一致",
	    "limits consistent"),
	L(CF_LABEL_CHECK_TYPE, "approved", "文件经批准", "approved"),
	L(CF_LABEL_CHECK_TYPE, "review-current", "按期评审", "review current"),
	L(CF_LABEL_CHECK_TYPE, "capa-timely", "纠正措施按期", "CAPA timely"),
	L(CF_LABEL_CHECK_TYPE, "sql", "自定义查询", "SQL query"),

	L(CF_LABEL_DOC_TYPE, "procedure", "办事指南", "procedure"),
	L(CF_LABEL_DOC_TYPE, "standard", "标准", "standard"),
	L(CF_LABEL_DOC_TYPE, "calendar", "工作日历", "calendar"),
	L(CF_LABEL_DOC_TYPE, "checklist", "检查表", "checklist"),
	L(CF_LABEL_DOC_TYPE, "signers", "签名人", "signers"),
	L(CF_LABEL_DOC_TYPE, "profile", "导入配置", "import profile"),

	L(CF_LABEL_NCR_ROLE, "raised", "本次提出", "raised"),
	L(CF_LABEL_NCR_ROLE, "joined", "并入已有", "joined"),
	L(CF_LABEL_NCR_ROLE, "listed", "此前已列", "listed before"),
	/* the review: an NCR of an earlier period an audit of it cites */
	L(CF_LABEL_NCR_ROLE, "carried", "以往转入", "carried over"),

	L(CF_LABEL_STD_LEVEL, "national", "国家标准", "national"),
	L(CF_LABEL_STD_LEVEL, "industry", "行业标准", "industry"),
	L(CF_LABEL_STD_LEVEL, "local", "地方标准", "local"),
	L(CF_LABEL_STD_LEVEL, "enterprise", "企业标准", "enterprise"),
};

static const struct label *
find(enum cf_label_kind kind, const char *token)
{
	if (token == NULL)
		return NULL;
	for (size_t i = 0; i < CF_ARRAY_LEN(table); i++)
		if (table[i].kind == kind && strcmp(table[i].token, token) == 0)
			return &table[i];
	return NULL;
}

const char *
cf_label(enum cf_label_kind kind, const char *token)
{
	const struct label *l = find(kind, token);

	return l ? l->both : token ? token : "";
}

const char *
cf_label_zh(enum cf_label_kind kind, const char *token)
{
	const struct label *l = find(kind, token);

	return l ? l->zh : token ? token : "";
}

const char *
cf_label_en(enum cf_label_kind kind, const char *token)
{
	const struct label *l = find(kind, token);

	return l ? l->en : token ? token : "";
}

const char *
cf_label_result(enum cf_result r)
{
	return cf_label(CF_LABEL_RESULT, cf_result_name(r));
}

const char *
cf_label_severity(const char *severity)
{
	return cf_label(CF_LABEL_SEVERITY, severity);
}

const char *
cf_label_check_type(const char *type)
{
	return cf_label(CF_LABEL_CHECK_TYPE, type);
}

const char *
cf_label_ncr_state(const char *state)
{
	return cf_label(CF_LABEL_NCR_STATE, state);
}
