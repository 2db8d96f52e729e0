print("workerdeck")
