"""Pure Block Kit builders (slack_sdk.models, validated on to_dict()) and nothing else."""
